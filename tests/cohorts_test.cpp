// Scaffold: tests of the cohorts analysis.
#include "retain/cohorts.h"
