package io.jstan.cli.options;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites flags the way Go's flag package reads them into the names the command declares:
 * Go takes any flag with one or two dashes ({@code -port 4222}, {@code --p=4222}), while
 * picocli matches names exactly. Flag values are left as they are, and so is everything after
 * {@code --} or after the first argument that is not a flag (where Go stops). A boolean
 * flag without a value is given {@code =true}, its meaning in Go.
 */
public final class GoFlagSyntax {
    /** Each declared name without its dashes, to the name as declared. */
    private final Map<String, String> declaredNames = new HashMap<>();
    private final Map<String, OptionSpec> options = new HashMap<>();

    public GoFlagSyntax(CommandSpec command) {
        for (OptionSpec option : command.options()) {
            for (String name : option.names()) {
                String bare = bare(name);
                declaredNames.put(bare, name);
                options.put(bare, option);
            }
        }
    }

    public List<String> normalize(List<String> args) {
        List<String> normalized = new ArrayList<>(args.size());
        boolean nextIsValue = false;
        boolean flagsEnded = false;
        for (String arg : args) {
            if (flagsEnded || nextIsValue) {
                normalized.add(arg);
                nextIsValue = false;
                continue;
            }
            if (!isFlag(arg)) {
                flagsEnded = true;
                normalized.add(arg);
                continue;
            }
            String body = bare(arg);
            int equals = body.indexOf('=');
            String name = equals < 0 ? body : body.substring(0, equals);
            String declared = declaredNames.get(name);
            if (declared == null) {
                normalized.add(arg);
                continue;
            }
            OptionSpec option = options.get(name);
            if (equals >= 0) {
                normalized.add(declared + body.substring(equals));
            } else if (takesOptionalBoolean(option)) {
                // Go sets a bare boolean flag to true; picocli would set it to the opposite of its current value.
                normalized.add(declared + "=true");
            } else {
                normalized.add(declared);
                nextIsValue = option.arity().min() > 0;
            }
        }
        return normalized;
    }

    private static boolean takesOptionalBoolean(OptionSpec option) {
        return (option.type() == boolean.class || option.type() == Boolean.class) && option.arity().max() > 0;
    }

    /** Go ends the flags at "--", at a lone "-" and at any argument without a leading dash. */
    private static boolean isFlag(String arg) {
        return arg.startsWith("-") && !arg.equals("-") && !arg.equals("--");
    }

    private static String bare(String flag) {
        return flag.startsWith("--") ? flag.substring(2) : flag.substring(1);
    }
}
