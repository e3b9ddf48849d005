// ProcessClock: process age from /proc/self/stat (start time in clock ticks since boot).
#include "cli/ProcessClock.h"

#include <unistd.h>

#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

namespace ra::app {

double msSinceProcessStart() {
    std::ifstream in("/proc/self/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Field 22 (starttime) follows the ")" that closes the command name.
    auto close = stat.rfind(')');
    if (close == std::string::npos) return 0.0;
    std::istringstream fields(stat.substr(close + 2));
    std::string f;
    for (int i = 3; i <= 22 && fields >> f; ++i) {
    }
    const double ticks = double(sysconf(_SC_CLK_TCK));
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    double nowMs = double(now.tv_sec) * 1e3 + double(now.tv_nsec) * 1e-6;
    return nowMs - std::stod(f) / ticks * 1e3;
}

}  // namespace ra::app
