#include "retain/cohorts.h"
