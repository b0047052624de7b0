package io.jstan.cli.options;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** A field or one-parameter method marked with {@link ConfigKey}, on the object that holds it. */
final class ConfigTarget {
    private final Object holder;
    private final AnnotatedElement member;
    private final Class<?> type;

    private ConfigTarget(Object holder, AnnotatedElement member, Class<?> type) {
        this.holder = holder;
        this.member = member;
        this.type = type;
    }

    /** The targets declared by {@code holder}'s class: fields first, then methods, each in declaration order. */
    static List<ConfigTarget> declaredBy(Object holder) {
        List<ConfigTarget> targets = new ArrayList<>();
        for (Field field : holder.getClass().getDeclaredFields()) {
            if (field.isAnnotationPresent(ConfigKey.class)) {
                field.setAccessible(true);
                targets.add(new ConfigTarget(holder, field, field.getType()));
            }
        }
        for (Method method : holder.getClass().getDeclaredMethods()) {
            if (method.isAnnotationPresent(ConfigKey.class)) {
                if (method.getParameterCount() != 1) {
                    throw new IllegalStateException("@ConfigKey method " + method + " must take exactly one parameter");
                }
                method.setAccessible(true);
                targets.add(new ConfigTarget(holder, method, method.getParameterTypes()[0]));
            }
        }
        return targets;
    }

    Object holder() {
        return holder;
    }

    ConfigKey key() {
        return member.getAnnotation(ConfigKey.class);
    }

    /** The field or method, for the annotations next to the {@link ConfigKey}. */
    AnnotatedElement member() {
        return member;
    }

    Class<?> type() {
        return type;
    }

    /**
     * Converts {@code value}, read at {@code key}, and stores it; throws IllegalArgumentException when it does not fit.
     *
     * @return the keys below {@code key} that a method reading a {@link ConfigBlock} ignored
     */
    List<String> assign(String key, Object value) {
        Object converted = ConfigConversions.convert(type, key, value);
        try {
            if (member instanceof Field field) {
                field.set(holder, converted);
                return List.of();
            }
            Object ignored = ((Method) member).invoke(holder, converted);
            return ignored instanceof List<?> keys ? keys.stream().map(String::valueOf).toList() : List.of();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException wrongValue) {
                throw wrongValue;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
