package org.iofog.connector.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.io.File;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.ToolProvider;

import org.iofog.connector.api.settings.SettingsProvider;
import org.junit.Test;
import org.osgi.service.metatype.annotations.AttributeDefinition;

import com.sun.source.util.JavacTask;

/**
 * Every property of every PID shows a name and a description in {@code config:meta} and the web console.
 *
 * <p>{@code @AttributeDefinition} is kept in the class files but not at run time, so reflection cannot see
 * it; the compiler's model of the compiled classes can, and tells which elements were written. The metatype
 * XML bnd generates would not do: where no name is written, bnd makes one up from the method name
 * ({@code self_signed_validity_days} becomes "Self signed validity days").
 */
public class MetatypeTest {

    private static final List<Class<?>> CONFIGS = List.of(
            ConnectorSettingsComponent.Config.class,
            RelaySettingsComponent.Config.class,
            TransportSettingsComponent.Config.class,
            RestSettingsComponent.Config.class);

    @Test
    public void everyPropertyHasAWrittenNameAndDescription() {
        Elements compiled = compiledClasses();
        List<String> missing = new ArrayList<>();
        for (Class<?> config : CONFIGS) {
            TypeElement type = compiled.getTypeElement(config.getCanonicalName());
            assertNotNull(config.getName() + " is not among the compiled classes", type);
            List<ExecutableElement> methods = ElementFilter.methodsIn(type.getEnclosedElements());
            assertEquals(config.getName() + ": every method seen", config.getDeclaredMethods().length,
                    methods.size());
            for (ExecutableElement method : methods) {
                String where = config.getName() + "." + method.getSimpleName();
                AnnotationMirror definition = attributeDefinition(method);
                if (definition == null) {
                    missing.add(where + ": no @AttributeDefinition");
                    continue;
                }
                for (String element : List.of("name", "description")) {
                    if (!written(definition, element)) {
                        missing.add(where + ": no " + element);
                    }
                }
            }
        }
        assertEquals("properties config:meta would show without a name or a description", List.of(), missing);
    }

    /** The compiler's view of the classes under test, read from their class files (no source is compiled). */
    private static Elements compiledClasses() {
        String classPath = Stream.of(ConnectorSettingsComponent.class, AttributeDefinition.class, SettingsProvider.class)
                .map(MetatypeTest::location)
                .collect(Collectors.joining(File.pathSeparator));
        JavacTask task = (JavacTask) ToolProvider.getSystemJavaCompiler().getTask(new StringWriter(), null,
                diagnostic -> { }, List.of("-proc:none", "-classpath", classPath), null, null);
        return task.getElements();
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AnnotationMirror attributeDefinition(ExecutableElement method) {
        for (AnnotationMirror annotation : method.getAnnotationMirrors()) {
            if (annotation.getAnnotationType().toString().equals(AttributeDefinition.class.getCanonicalName())) {
                return annotation;
            }
        }
        return null;
    }

    /** Only elements written in the source are in {@code getElementValues()}; defaults are not. */
    private static boolean written(AnnotationMirror annotation, String element) {
        for (var entry : annotation.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(element)) {
                AnnotationValue value = entry.getValue();
                return value.getValue() instanceof String text && !text.isBlank();
            }
        }
        return false;
    }
}
