import CareStatCLI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The exit-status contract forbids dying by a signal. A closed pipe (`carestat ... | head`) must not kill the
// process, and a failed runtime check anywhere below must still end with status 2 and a message, not a core dump.
signal(SIGPIPE, SIG_IGN)
for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT] {
    signal(sig) { _ in
        let message = "carestat: internal error: a runtime check failed (please report this)\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        _exit(2)
    }
}

exit(CareStatMain.run(Array(CommandLine.arguments.dropFirst())))
