package io.jstan.cli.config;

import static io.jstan.cli.config.ConfigMaps.assertSameConfig;
import static io.jstan.cli.config.ConfigMaps.map;
import static io.jstan.cli.config.ConfigMaps.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigIncludeTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void includesAreRelativeToTheIncludingFileAtEveryLevel() throws Exception {
        write("conf/main.conf", "include sub/first.conf\nafter = 1");
        write("conf/sub/first.conf", "first = 1\ninclude 'second.conf'");
        write("conf/sub/second.conf", "second = 2");

        assertSameConfig(map("first", 1L, "second", 2L, "after", 1L), ConfigParser.parseFile(dir.resolve("conf/main.conf")));
    }

    @Test
    void parsedTextResolvesIncludesRelativeToItsOrigin() throws Exception {
        write("users.conf", "users = [{user: a}]");

        assertSameConfig(map("accounts", map("users", List.of(map("user", "a")))),
                ConfigParser.parse("accounts { include users.conf }", dir.resolve("main.conf")));
    }

    @Test
    void includedKeysAreVariablesForWhatFollows() throws Exception {
        write("passwords.conf", "ALICE_PASS: secret");
        Path main = write("main.conf", "authorization {\n  include \"passwords.conf\"\n  user { password: $ALICE_PASS }\n}");

        assertSameConfig(map("authorization", map("ALICE_PASS", "secret", "user", map("password", "secret"))),
                ConfigParser.parseFile(main));
    }

    @Test
    void includedFileDoesNotSeeTheIncludersKeys() throws Exception {
        Path included = write("b.conf", "c = $a");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigParser.parse("a = 1\ninclude b.conf", dir.resolve("main.conf"), name -> null));

        assertEquals(included, e.file());
        assertEquals(1, e.line());
        assertEquals(5, e.column());
    }

    @Test
    void includeCycleIsDetected() throws Exception {
        Path a = resource("cycle-a.conf");
        Path b = a.resolveSibling("cycle-b.conf");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parseFile(a));

        assertEquals(b + ":2:9: include cycle: " + a.toRealPath() + " -> " + b.toRealPath() + " -> " + a.toRealPath(),
                e.getMessage());
    }

    @Test
    void fileIncludingItselfIsACycle() throws Exception {
        Path self = write("self.conf", "x = 1\n  include ./self.conf\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parseFile(self));

        assertEquals(self, e.file());
        assertEquals(2, e.line());
        assertEquals(11, e.column());
    }

    @Test
    void missingIncludeIsReportedAtTheInclude() throws Exception {
        Path main = write("main.conf", "a = 1\ninclude missing.conf\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parseFile(main));

        assertEquals(main + ":2:9: include file not found: " + dir.resolve("missing.conf"), e.getMessage());
    }

    @Test
    void errorInIncludedFileIsReportedInThatFile() throws Exception {
        Path bad = write("nested/bad.conf", "ok = 1\n\nname = \"open\n");
        Path main = write("main.conf", "include nested/bad.conf\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parseFile(main));

        assertEquals(bad + ":3:8: string is never closed: no \" after this one", e.getMessage());
        assertEquals(bad, e.file());
    }

    @Test
    void byteOrderMarkAtTheStartOfAFileIsNotPartOfTheFirstKey() throws Exception {
        Path file = write("bom.conf", "\uFEFFport = 4222\n");

        assertSameConfig(map("port", 4222L), ConfigParser.parseFile(file));
    }

    @Test
    void unreadableConfigFileHasNoPosition() {
        Path missing = dir.resolve("absent.conf");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parseFile(missing));

        assertEquals(missing, e.file());
        assertEquals(0, e.line());
        assertEquals(0, e.column());
        assertEquals(missing + ": cannot read config file: NoSuchFileException " + missing, e.getMessage());
    }
}
