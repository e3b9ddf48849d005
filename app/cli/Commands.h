// Commands: the display-less commands (render, pick, check, bench, list, audit). Each returns the
// process exit code.
#pragma once

#include "cli/Options.h"

namespace ra::app {

int runRender(const Options& o);
int runPick(const Options& o);
int runCheck(const Options& o);
int runBench(const Options& o);
int runList(const Options& o);
int runAudit(const Options& o);

}  // namespace ra::app
