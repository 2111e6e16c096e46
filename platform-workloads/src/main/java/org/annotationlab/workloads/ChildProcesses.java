package org.annotationlab.workloads;

import java.util.concurrent.TimeUnit;

/** Local workloads (nlp-runner as a child process of a service). */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /** Stops a process and its descendants: politely, then forcibly after 10 s. */
    public static void stop(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
