#ifndef VERBATIM_CLIBXML2_SHIM_H
#define VERBATIM_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

/// xmlFree is a global function pointer in libxml2; Swift cannot call it directly.
static inline void verbatim_xmlFree(void *p) { xmlFree(p); }

/// Silences libxml2's generic error printer for this thread, so nothing reaches stderr.
static void verbatim_xml_silent_handler(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void verbatim_xml_silence(void) {
    xmlSetGenericErrorFunc(NULL, verbatim_xml_silent_handler);
    xmlSetStructuredErrorFunc(NULL, NULL);
}
#endif
