// CommandLine: the program's entry: parses arguments and runs the window or a headless command.
#pragma once

namespace ra::app {

int runCommandLine(int argc, char** argv);

}  // namespace ra::app
