// roller-atlas: parses the command line and runs the chosen command (the window by default).
#include "cli/CommandLine.h"

int main(int argc, char** argv) {
    return ra::app::runCommandLine(argc, argv);
}
