package com.kobatela.proof.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The host allow-list of proof file downloads. */
class RemoteFilesTest {

    @Test
    void hostRules() {
        List<String> allowed = List.of("files.example.com", ".storage.example.net", " ");
        assertTrue(RemoteFiles.hostAllowed("files.example.com", allowed));
        assertFalse(RemoteFiles.hostAllowed("evil-files.example.com", allowed));
        assertTrue(RemoteFiles.hostAllowed("eu.storage.example.net", allowed));
        assertFalse(RemoteFiles.hostAllowed("storage.example.net.evil.io", allowed));
        assertFalse(RemoteFiles.hostAllowed("169.254.169.254", allowed));
        assertFalse(RemoteFiles.hostAllowed("files.example.com", List.of()), "nothing is allowed by default");
    }
}
