package org.iofog.connector.config.internal;

import org.iofog.connector.support.settings.MetatypeCheck;
import org.junit.Test;

/** Every property of every PID this bundle designates shows a name and a description in config:meta. */
public class MetatypeTest {

    @Test
    public void everyPropertyHasAWrittenNameAndDescription() {
        MetatypeCheck.assertEveryPropertyHasAWrittenNameAndDescription(
                ConnectorSettingsComponent.Config.class);
    }
}
