#include "engine/base/diagnostic.h"

namespace meso {

const char* to_string(Severity severity)
{
    switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
    case Severity::note: return "note";
    }
    return "error";
}

}  // namespace meso
