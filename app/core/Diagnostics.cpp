// Diagnostics: formatting and collection of content problems.
#include "core/Diagnostics.h"

namespace ra::core {

std::string Diagnostic::str() const {
    std::string s = severity == Severity::Error ? "error: " : "warning: ";
    s += file.empty() ? "<no file>" : file;
    if (!where.empty()) s += ": " + where;
    s += ": " + message;
    return s;
}

void Diagnostics::error(std::string file, std::string where, std::string message) {
    m_items.push_back({Severity::Error, std::move(file), std::move(where), std::move(message)});
}

void Diagnostics::warning(std::string file, std::string where, std::string message) {
    m_items.push_back({Severity::Warning, std::move(file), std::move(where), std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

bool Diagnostics::hasErrors() const {
    for (const auto& d : m_items)
        if (d.severity == Severity::Error) return true;
    return false;
}

std::string Diagnostics::str() const {
    std::string s;
    for (const auto& d : m_items) s += d.str() + "\n";
    return s;
}

}  // namespace ra::core
