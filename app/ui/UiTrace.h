// UiTrace: with ROLLER_ATLAS_UI_TRACE=1 in the environment the window prints where its clickable
// items are and what its captions say, as they change, so scripts and end-to-end tests can click
// the real widgets with real input (xdotool) and read what a user would read.
#pragma once

#include <string>

namespace ra::app {

bool uiTraceEnabled();
// The last ImGui item, as "roller-atlas: ui item NAME at X,Y" (its centre, window coordinates),
// printed when it first shows or moves; nothing while it is scrolled out of view.
void traceItem(const std::string& name);
// "roller-atlas: ui KEY: VALUE", printed when the value changes.
void traceValue(const std::string& key, const std::string& value);

}  // namespace ra::app
