package org.iofog.connector.support.settings;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Stands in for Declarative Services when it configures a settings component: it hands over both the
 * configuration annotation instance and the raw properties that instance is converted from.
 *
 * <p>Values are keyed by Config Admin property name ({@code auth.timeout.ms}) or by annotation method name
 * ({@code auth_timeout_ms}). Attributes that are not given answer their declared default. Text given for a
 * boolean or number is converted as DS converts it (so {@code "yes"} reads as {@code false}); a
 * {@link Supplier} is called, so a conversion failure can be simulated, and is left out of the raw
 * properties.
 */
public final class ConfigProxy {

    private ConfigProxy() {
    }

    /** Calls {@code configure} (a component's activate/modified method) as DS would with these values. */
    public static <A> void deliver(BiConsumer<A, Map<String, Object>> configure, Class<A> type, Map<String, ?> values) {
        configure.accept(of(type, values), properties(values));
    }

    /** The same, for an activate/modified step that answers something (e.g. whether the settings changed). */
    public static <A, R> R deliverAndAnswer(BiFunction<A, Map<String, Object>, R> configure, Class<A> type,
            Map<String, ?> values) {
        return configure.apply(of(type, values), properties(values));
    }

    /** The configuration annotation instance DS would build from these values. */
    public static <A> A of(Class<A> type, Map<String, ?> values) {
        Map<String, ?> byProperty = byPropertyName(values);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            String property = propertyName(method.getName());
            if (!byProperty.containsKey(property)) {
                return method.getDefaultValue();
            }
            Object value = byProperty.get(property);
            return value instanceof Supplier<?> supplier ? supplier.get() : convertedAsDeclarativeServices(value, method);
        }));
    }

    /** The raw properties DS would pass alongside: keys with dots, values as given. */
    public static Map<String, Object> properties(Map<String, ?> values) {
        Map<String, Object> properties = new HashMap<>();
        byPropertyName(values).forEach((key, value) -> {
            if (!(value instanceof Supplier<?>)) {
                properties.put(key, value);
            }
        });
        return properties;
    }

    private static Map<String, ?> byPropertyName(Map<String, ?> values) {
        Map<String, Object> byProperty = new HashMap<>();
        values.forEach((key, value) -> byProperty.put(propertyName(key), value));
        return byProperty;
    }

    /** DS maps method {@code auth_timeout_ms} to property {@code auth.timeout.ms}. */
    private static String propertyName(String name) {
        return name.replace('_', '.');
    }

    /** The lenient conversions that defect 5 of the live-reconfiguration work was about: {@code Boolean.valueOf("yes")} is false. */
    private static Object convertedAsDeclarativeServices(Object value, Method method) {
        if (!(value instanceof String text)) {
            return value;
        }
        Class<?> type = method.getReturnType();
        if (type == boolean.class) {
            return Boolean.valueOf(text);
        }
        if (type == int.class) {
            return Integer.valueOf(text.strip());
        }
        if (type == long.class) {
            return Long.valueOf(text.strip());
        }
        if (type == double.class) {
            return Double.valueOf(text.strip());
        }
        return value;
    }
}
