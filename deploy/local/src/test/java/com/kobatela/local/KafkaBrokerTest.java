package com.kobatela.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void serverPropertiesDescribeASingleNodeKraftBroker() throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(KafkaBroker.serverProperties(Path.of("/tmp/kd"), 19092, 19093)));
        assertEquals("broker,controller", p.getProperty("process.roles"));
        assertEquals("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093", p.getProperty("listeners"));
        assertEquals("127.0.0.1:19093", p.getProperty("controller.quorum.bootstrap.servers"));
        assertEquals("/tmp/kd", p.getProperty("log.dirs"));
        assertEquals("3", p.getProperty("num.partitions"));
        assertEquals("true", p.getProperty("auto.create.topics.enable"));
        assertEquals("1", p.getProperty("offsets.topic.replication.factor"));
        assertEquals("1", p.getProperty("transaction.state.log.replication.factor"));
        assertEquals("1", p.getProperty("transaction.state.log.min.isr"));
    }
}
