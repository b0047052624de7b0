package io.jstan.cli.options;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The configuration file key of a setting, next to its picocli {@code @Option} when it also
 * has a flag. On a field, the file's value is converted to the field's type (see
 * {@link ConfigConversions}) and stored; on a method, it is converted to the type of the
 * method's one parameter and passed to it; a method taking a {@link ConfigBlock} may return the
 * {@code List<String>} of the keys it ignored, warned about as unknown keys are. The command
 * line is parsed after the file, onto the same object, so a flag given on the command line
 * wins over the file.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface ConfigKey {
    /**
     * The key, with dots between the names of nested maps ({@code authorization.user}).
     * Further names are aliases; the first one is the documented name. Matched ignoring case.
     */
    String[] value();

    ConfigScope scope() default ConfigScope.NATS;

    /** For the flag reference, on keys that have no flag (a flag's own description is used otherwise). */
    String description() default "";
}
