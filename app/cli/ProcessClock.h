// ProcessClock: milliseconds since this process was started by the kernel, for start-up figures
// that include loading the program itself (not just time since main()).
#pragma once

namespace ra::app {

double msSinceProcessStart();

}  // namespace ra::app
