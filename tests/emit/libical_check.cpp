/* libical_check FILE...: parses each calendar with libical, runs
 * icalrestriction_check, and fails on any X-LIC-ERROR anywhere (libical
 * adds one for every property, value or component it cannot accept).
 * libical_check --instants FILE: prints each event's UID, its start and its
 * end as seconds since 1970 UTC, as libical computes them from the file's
 * own VTIMEZONE, and the start's TZID, for check_calendar.py to compare
 * with zoneinfo; and after an event with an ORGANIZER, its UID and CN. */
#include <cstdio>
#include <cstdlib>
#include <libical/ical.h>
#include <string>

namespace {

char* read_all(const char* path)
{
    FILE* f = fopen(path, "rb");
    if (!f) return nullptr;
    size_t size = 0, capacity = 1 << 16;
    char* text = static_cast<char*>(malloc(capacity));
    size_t n;
    while (text && (n = fread(text + size, 1, capacity - size - 1, f)) > 0) {
        size += n;
        if (capacity - size - 1 == 0) {
            capacity *= 2;
            text = static_cast<char*>(realloc(text, capacity));
        }
    }
    fclose(f);
    if (text) text[size] = '\0';
    return text;
}

/* Counts X-LIC-ERROR properties in `c` and every component inside it, printing each. */
int errors_in(icalcomponent* c, const char* path)
{
    int errors = 0;
    for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
        fprintf(stderr, "%s: %s: X-LIC-ERROR: %s\n", path, icalcomponent_kind_to_string(icalcomponent_isa(c)),
                icalproperty_get_xlicerror(p));
        ++errors;
    }
    for (icalcomponent* inner = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); inner;
         inner = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        errors += errors_in(inner, path);
    return errors;
}

}  // namespace

int print_instants(const char* path)
{
    char* text = read_all(path);
    if (!text) return 1;
    icalcomponent* calendar = icalparser_parse_string(text);
    free(text);
    if (!calendar) return 1;
    for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); event;
         event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
        const icaltimetype start = icalcomponent_get_dtstart(event);  // zone from the calendar's VTIMEZONE
        const icaltimetype end = icalcomponent_get_dtend(event);
        const char* tzid = start.zone ? icaltimezone_get_tzid(const_cast<icaltimezone*>(start.zone)) : "floating";
        printf("%s\t%lld\t%lld\t%s\n", icalcomponent_get_uid(event), static_cast<long long>(icaltime_as_timet_with_zone(start, start.zone)),
               static_cast<long long>(icaltime_as_timet_with_zone(end, end.zone)), tzid ? tzid : "?");
        /* The coach's name as libical reads ORGANIZER;CN= (RFC 6868's ^' is a double quote). */
        icalproperty* organizer = icalcomponent_get_first_property(event, ICAL_ORGANIZER_PROPERTY);
        icalparameter* cn = organizer ? icalproperty_get_first_parameter(organizer, ICAL_CN_PARAMETER) : nullptr;
        if (cn) printf("organizer\t%s\t%s\n", icalcomponent_get_uid(event), icalparameter_get_cn(cn));
    }
    icalcomponent_free(calendar);
    return 0;
}

int main(int argc, char** argv)
{
    if (argc == 3 && std::string(argv[1]) == "--instants") return print_instants(argv[2]);
    int status = argc > 1 ? 0 : 2;
    for (int i = 1; i < argc; ++i) {
        char* text = read_all(argv[i]);
        if (!text) {
            fprintf(stderr, "%s: cannot read\n", argv[i]);
            status = 1;
            continue;
        }
        icalcomponent* calendar = icalparser_parse_string(text);
        free(text);
        if (!calendar || icalcomponent_isa(calendar) != ICAL_VCALENDAR_COMPONENT) {
            fprintf(stderr, "%s: libical did not parse one VCALENDAR\n", argv[i]);
            status = 1;
            if (calendar) icalcomponent_free(calendar);
            continue;
        }
        const int valid = icalrestriction_check(calendar);
        const int errors = errors_in(calendar, argv[i]);
        const int events = icalcomponent_count_components(calendar, ICAL_VEVENT_COMPONENT);
        if (!valid || errors > 0) {
            fprintf(stderr, "%s: icalrestriction_check %s, %d X-LIC-ERROR\n", argv[i], valid ? "passed" : "failed", errors);
            status = 1;
        }
        else printf("libical ok: %s (%d events)\n", argv[i], events);
        icalcomponent_free(calendar);
    }
    return status;
}
