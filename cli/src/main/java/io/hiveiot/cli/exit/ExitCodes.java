package io.hiveiot.cli.exit;

/** The exit codes scripts can rely on (README, Exit codes). */
public final class ExitCodes {

    public static final int OK = 0;
    /** The service answered with an error. */
    public static final int SERVICE_ERROR = 1;
    /** The broker could not be reached, refused the credentials, or refused the request. */
    public static final int CONNECTION = 2;
    /** No answer in time, or the service itself reported a timeout (e.g. a device that did not answer an RPC). */
    public static final int TIMEOUT = 3;
    /** The command line itself is wrong: unknown option, bad value, unreadable file (sysexits' EX_USAGE). */
    public static final int USAGE = 64;

    private ExitCodes() {}
}
