package com.kobatela.reliability;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Prints the summary line of every family when the test run ends (registered through META-INF/services). */
public final class SummaryListener implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (Family.all().isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("================ Kobatela reliability suite ================");
        Family.all().forEach(f -> System.out.println(f.summaryLine()));
        System.out.println("============================================================");
    }
}
