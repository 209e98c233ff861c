package org.iofog.connector.support.settings;

import java.lang.reflect.Proxy;

/**
 * An instance of a configuration annotation whose every attribute answers its declared default, so
 * that the built-in defaults are written once, in the {@code @ObjectClassDefinition}.
 */
public final class AnnotationDefaults {

    private AnnotationDefaults() {
    }

    public static <A> A of(Class<A> annotationType) {
        Object proxy = Proxy.newProxyInstance(annotationType.getClassLoader(), new Class<?>[] {annotationType},
                (self, method, args) -> {
                    Object value = method.getDefaultValue();
                    if (value == null) {
                        throw new IllegalStateException(annotationType.getName() + "." + method.getName()
                                + " has no default");
                    }
                    return value;
                });
        return annotationType.cast(proxy);
    }
}
