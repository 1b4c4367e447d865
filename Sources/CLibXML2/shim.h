#ifndef FLOWCUT_CLIBXML2_SHIM_H
#define FLOWCUT_CLIBXML2_SHIM_H
/* The part of libxml2's streaming reader (libxml2-dev, <libxml/xmlreader.h>)
   that the BPMN importer uses, declared here: libxml2's own headers pull in
   ICU's, which clash with the copy Foundation carries. These are libxml2's
   stable public signatures (unchanged from 2.6 to 2.13). */

typedef unsigned char xmlChar;
typedef struct _xmlTextReader *xmlTextReaderPtr;
typedef void *xmlTextReaderLocatorPtr;

/* xmlParserOption values */
enum {
    FLOWCUT_XML_PARSE_NONET = 1 << 11,
    FLOWCUT_XML_PARSE_NOCDATA = 1 << 14,
    FLOWCUT_XML_PARSE_COMPACT = 1 << 16
};
/* xmlParserSeverities: 4 is XML_PARSER_SEVERITY_ERROR */
typedef void (*xmlTextReaderErrorFunc)(void *arg, const char *msg, int severity, xmlTextReaderLocatorPtr locator);

void xmlInitParser(void);
xmlTextReaderPtr xmlReaderForMemory(const char *buffer, int size, const char *URL, const char *encoding, int options);
void xmlFreeTextReader(xmlTextReaderPtr reader);
void xmlTextReaderSetErrorHandler(xmlTextReaderPtr reader, xmlTextReaderErrorFunc f, void *arg);
int xmlTextReaderLocatorLineNumber(xmlTextReaderLocatorPtr locator);
int xmlTextReaderRead(xmlTextReaderPtr reader);
int xmlTextReaderNodeType(xmlTextReaderPtr reader);
int xmlTextReaderIsEmptyElement(xmlTextReaderPtr reader);
int xmlTextReaderMoveToNextAttribute(xmlTextReaderPtr reader);
int xmlTextReaderMoveToElement(xmlTextReaderPtr reader);
const xmlChar *xmlTextReaderConstName(xmlTextReaderPtr reader);
const xmlChar *xmlTextReaderConstValue(xmlTextReaderPtr reader);
int xmlTextReaderGetParserLineNumber(xmlTextReaderPtr reader);
int xmlTextReaderGetParserColumnNumber(xmlTextReaderPtr reader);
#endif
