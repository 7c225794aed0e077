import CNCursesShim
import Foundation
import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension NCursesTerminal {
    /// Starts the input thread, which delivers keys, pastes, resizes and signals to `sink`.
    public func start(_ sink: @escaping @Sendable (TerminalEvent) -> Void) throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw NCursesError.cannotStartInput(String(cString: strerror(errno))) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        let done = DispatchSemaphore(value: 0)
        lock.withLock {
            wakePipe = fds
            inputThreadDone = done
        }
        let wakeFD = fds[0]
        let thread = Thread { [self] in
            self.inputLoop(sink: sink, wakeFD: wakeFD)
            done.signal()
        }
        thread.name = "ncurses-input"
        thread.start()
    }

    /// Blocks in poll() on the terminal, the signal pipe and the wake pipe; never spins.
    private func inputLoop(sink: @escaping @Sendable (TerminalEvent) -> Void, wakeFD: Int32) {
        let inputFD = options.inputFileDescriptor
        var inputOpen = true
        var emptyReadiness = 0
        while true {
            var fds = [
                pollfd(fd: inputOpen ? inputFD : -1, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signalFileDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
            ]
            // Blocks until input, except while a paste is open: then it wakes at the paste's idle deadline.
            let ready = poll(&fds, nfds_t(fds.count), pollTimeout())
            if ready < 0 {
                if errno == EINTR { continue }
                sink(.inputClosed)
                return
            }
            if fds[2].revents != 0 { return }
            if ready == 0 {
                if !expirePaste(sink: sink) { return }
                continue
            }
            if fds[1].revents & Int16(POLLIN) != 0 {
                if !handleSignals(sink: sink) { return }
            }
            guard inputOpen, fds[0].revents != 0 else { continue }
            let revents = fds[0].revents
            var got = 0
            if revents & Int16(POLLIN) != 0 {
                guard let count = readKeys(sink: sink) else { return }
                got = count
            }
            // EOF shows as POLLHUP, or as readiness with no bytes behind it (a closed pipe or file).
            if got == 0 { emptyReadiness += 1 } else { emptyReadiness = 0 }
            if revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 || emptyReadiness >= 3 {
                inputOpen = false
                sink(.inputClosed)
            }
        }
    }

    /// Milliseconds until the open paste's idle deadline (rounded up), or -1 (wait forever) when none is open.
    private func pollTimeout() -> Int32 {
        guard let deadline = lock.withLock({ decoder.pasteDeadline }) else { return -1 }
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }

    /// Ends a paste that has had no input for the idle timeout; false once the terminal has been stopped.
    private func expirePaste(sink: @Sendable (TerminalEvent) -> Void) -> Bool {
        lock.lock()
        guard active else {
            lock.unlock()
            return false
        }
        let events = decoder.expire(at: ContinuousClock.now)
        lock.unlock()
        for event in events { sink(.input(event)) }
        return true
    }

    /// Reads every pending key without blocking; nil once the terminal has been stopped.
    private func readKeys(sink: @Sendable (TerminalEvent) -> Void) -> Int? {
        lock.lock()
        guard active else {
            lock.unlock()
            return nil
        }
        var events: [KeyEvent] = []
        var value: UInt32 = 0
        var count = 0
        var drained = false
        let now = ContinuousClock.now
        while count < 4096 {
            let kind = cnc_read_key(&value)
            if kind < 0 {
                drained = true
                break
            }
            count += 1
            if kind == 1 && Int32(bitPattern: value) == cnc_KEY_RESIZE { continue }
            if kind == 1 && Int32(bitPattern: value) == cnc_KEY_MOUSE {
                for report in KeyDecoder.readMouse() { events.append(contentsOf: decoder.mouse(report, at: now)) }
                continue
            }
            events.append(contentsOf: decoder.decode(value, isKeyCode: kind == 1, at: now))
        }
        if drained { events.append(contentsOf: decoder.endOfInput(at: ContinuousClock.now)) }
        lock.unlock()
        for event in events { sink(.input(event)) }
        return count
    }

    /// Acts on the signals recorded in the self-pipe; false once the terminal has been stopped.
    private func handleSignals(sink: @Sendable (TerminalEvent) -> Void) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(signalFileDescriptor, &buffer, buffer.count)
        guard count > 0 else { return true }
        var resized = false
        var continued = false
        var terminations: [TerminalSignal] = []
        for byte in buffer.prefix(count) {
            switch Int32(byte) {
            case SIGWINCH: resized = true
            case SIGCONT: continued = true
            case SIGINT: terminations.append(.interrupt)
            case SIGTERM: terminations.append(.terminate)
            case SIGHUP: terminations.append(.hangup)
            default: break
            }
        }
        if resized, let size = applyWindowSize() {
            sink(.input(.resize(width: size.width, height: size.height)))
        }
        if continued {
            invalidate()
            sink(.redraw)
        }
        for signal in terminations {
            if pendingTermination {
                // The app did not end after the first request: restore the terminal and leave now.
                if lock.try() {
                    if active {
                        active = false
                        cnc_stop()
                    }
                    lock.unlock()
                } else {
                    cnc_stop()
                }
                exit(signal.exitStatus)
            }
            pendingTermination = true
            sink(.signal(signal))
        }
        return lock.withLock { active }
    }

    /// Reads the new window size and resizes ncurses' screen; the next frame repaints everything.
    private func applyWindowSize() -> TerminalSize? {
        lock.lock()
        defer { lock.unlock() }
        guard active else { return nil }
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard cnc_query_size(options.outputFileDescriptor, &rows, &columns) == 0 else { return nil }
        _ = cnc_resize(rows, columns)
        cnc_invalidate()
        shownFrame = nil
        screenSize = TerminalSize(width: Int(cnc_cols()), height: Int(cnc_rows()))
        return screenSize
    }
}
