package org.iofog.connector.config.internal;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Stands in for the configuration annotation instances Declarative Services builds: each attribute
 * answers the given value (a {@link Supplier} is called, so a conversion failure can be simulated),
 * or its declared default.
 */
final class ConfigProxy {

    private ConfigProxy() {
    }

    static <A> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            Object value = values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
            return value instanceof Supplier<?> supplier ? supplier.get() : value;
        }));
    }
}
