// Diagnostics: content problems (bad files, bad JSON, bad glTF) reported to the user with the file,
// the place inside it and a sentence they can act on. Content errors never throw across modules.
#pragma once

#include <string>
#include <vector>

namespace ra::core {

enum class Severity { Warning, Error };

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file;     // path as the user gave it
    std::string where;    // JSON pointer ("/accessors/3/count"), "byte 1234", or empty
    std::string message;  // what is wrong, and where possible what to do

    // "error: FILE: WHERE: MESSAGE", the one format used on the console and in the UI.
    std::string str() const;
};

class Diagnostics {
public:
    void error(std::string file, std::string where, std::string message);
    void warning(std::string file, std::string where, std::string message);
    void add(Diagnostic d) { m_items.push_back(std::move(d)); }
    void append(const Diagnostics& other);

    bool hasErrors() const;
    bool empty() const { return m_items.empty(); }
    size_t size() const { return m_items.size(); }
    const std::vector<Diagnostic>& items() const { return m_items; }

    // Every diagnostic on its own line, in the Diagnostic::str() format.
    std::string str() const;

private:
    std::vector<Diagnostic> m_items;
};

}  // namespace ra::core
