package io.jstan.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DataSourceTest {

    @Test
    void postgresKeyValueListAsLibPqReadsIt() {
        DataSource source = DataSource.parse(SqlDialect.POSTGRES,
                "host=db.example port=5433 user=nss password='se cr\\'et' dbname=nss_db sslmode=disable connect_timeout=5");
        assertEquals("jdbc:postgresql://db.example:5433/nss_db", source.jdbcUrl());
        assertEquals(Map.of("user", "nss", "password", "se cr'et", "sslmode", "disable", "connectTimeout", "5"),
                asMap(source.properties()));
    }

    @Test
    void postgresUrl() {
        DataSource source = DataSource.parse(SqlDialect.POSTGRES, "postgres://nss:p%40ss@127.0.0.1:5432/nss_db?sslmode=verify-full");
        assertEquals("jdbc:postgresql://127.0.0.1:5432/nss_db", source.jdbcUrl());
        assertEquals(Map.of("user", "nss", "password", "p@ss", "sslmode", "verify-full"), asMap(source.properties()));
    }

    @Test
    void postgresDefaultsAreLibPqs() {
        DataSource source = DataSource.parse(SqlDialect.POSTGRES, "user=nss");
        assertEquals("jdbc:postgresql://localhost/nss", source.jdbcUrl());
        assertEquals("require", source.properties().getProperty("sslmode"));
    }

    @Test
    void mysqlDsnAsGoSqlDriverReadsIt() {
        DataSource source = DataSource.parse(SqlDialect.MYSQL, "root:pw@tcp(10.0.0.5:3307)/nss_db?charset=utf8&parseTime=true&timeout=5s");
        assertEquals("jdbc:mariadb://10.0.0.5:3307/nss_db", source.jdbcUrl());
        assertEquals(Map.of("user", "root", "password", "pw", "connectTimeout", "5000"), asMap(source.properties()));
    }

    @Test
    void mysqlDefaultsAndSockets() {
        assertEquals("jdbc:mariadb://127.0.0.1:3306/nss_db", DataSource.parse(SqlDialect.MYSQL, "nss@/nss_db").jdbcUrl());
        DataSource socket = DataSource.parse(SqlDialect.MYSQL, "nss@unix(/run/mysqld/mysqld.sock)/nss_db?tls=false");
        assertEquals("/run/mysqld/mysqld.sock", socket.properties().getProperty("localSocket"));
        assertEquals("disable", socket.properties().getProperty("sslMode"));
    }

    @Test
    void jdbcUrlIsTakenAsItIs() {
        assertEquals("jdbc:postgresql://h/db?user=x", DataSource.parse(SqlDialect.POSTGRES, "jdbc:postgresql://h/db?user=x").jdbcUrl());
    }

    @Test
    void optionsNotUnderstoodAreNamed() {
        IllegalArgumentException postgres = assertThrows(IllegalArgumentException.class,
                () -> DataSource.parse(SqlDialect.POSTGRES, "user=nss dbname=x fallback_application_name=a krbsrvname=b"));
        assertEquals("postgres data source: options fallback_application_name, krbsrvname not understood by jstan", postgres.getMessage());
        IllegalArgumentException mysql = assertThrows(IllegalArgumentException.class,
                () -> DataSource.parse(SqlDialect.MYSQL, "root@tcp(h:1)/db?serverPubKey=k"));
        assertEquals("mysql data source: option serverpubkey not understood by jstan", mysql.getMessage());
    }

    @Test
    void malformedSourcesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DataSource.parse(SqlDialect.POSTGRES, ""));
        assertThrows(IllegalArgumentException.class, () -> DataSource.parse(SqlDialect.POSTGRES, "host"));
        assertThrows(IllegalArgumentException.class, () -> DataSource.parse(SqlDialect.POSTGRES, "password='open"));
        assertThrows(IllegalArgumentException.class, () -> DataSource.parse(SqlDialect.POSTGRES, "host=/var/run/postgresql"));
        assertThrows(IllegalArgumentException.class, () -> DataSource.parse(SqlDialect.MYSQL, "root@tcp(h:1)"));
        assertThrows(IllegalArgumentException.class, () -> DataSource.parse(SqlDialect.MYSQL, "root@udp(h:1)/db"));
        assertThrows(IllegalArgumentException.class, () -> DataSource.parse(SqlDialect.MYSQL, "root@tcp(h:1)/db?tls=custom"));
    }

    private static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }
}
