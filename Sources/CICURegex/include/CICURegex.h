// The few ICU regular-expression functions triage calls, from the ICU that ships inside the Swift toolchain's
// Foundation (lib_FoundationICU, whose exported names carry a `swift_` prefix). Foundation's NSRegularExpression runs
// the same engine but cannot bound a match; uregex_setTimeLimit gives every match a step budget.
#pragma once
#include <stdint.h>

typedef struct URegularExpression URegularExpression;

URegularExpression *swift_uregex_open(const uint16_t *pattern, int32_t patternLength, uint32_t flags, void *parseError, int *status);
URegularExpression *swift_uregex_clone(const URegularExpression *regexp, int *status);
void swift_uregex_close(URegularExpression *regexp);
void swift_uregex_setTimeLimit(URegularExpression *regexp, int32_t limit, int *status);
void swift_uregex_setText(URegularExpression *regexp, const uint16_t *text, int32_t textLength, int *status);
int8_t swift_uregex_find(URegularExpression *regexp, int32_t startIndex, int *status);
int8_t swift_uregex_findNext(URegularExpression *regexp, int *status);
int32_t swift_uregex_start(URegularExpression *regexp, int32_t groupNum, int *status);
int32_t swift_uregex_end(URegularExpression *regexp, int32_t groupNum, int *status);
