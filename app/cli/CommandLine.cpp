// CommandLine: dispatch to the window or a headless command; usage errors exit with status 2.
#include "cli/CommandLine.h"

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "App.h"
#include "cli/Commands.h"
#include "cli/Options.h"

namespace ra::app {

int runCommandLine(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string error;
    auto opts = parseOptions(args, error);
    if (!opts) {
        std::cerr << "roller-atlas: " << error << "\n";
        return 2;
    }
    try {
        const Options& o = *opts;
        if (o.command == "help") {
            std::cout << usageText();
            return 0;
        }
        if (o.command == "version") {
            std::cout << "roller-atlas " << RA_VERSION << "\n";
            return 0;
        }
        if (o.command == "render") return runRender(o);
        if (o.command == "pick") return runPick(o);
        if (o.command == "check") return runCheck(o);
        if (o.command == "bench") return runBench(o);
        if (o.command == "list") return runList(o);
        if (o.command == "audit") return runAudit(o);
        return runApp(o);
    } catch (const std::exception& e) {
        // Content errors are diagnostics; this is the last guard for the unforeseen.
        std::cerr << "roller-atlas: internal error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace ra::app
