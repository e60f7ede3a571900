// Scaffold: tests of the customers analysis.
#include "retain/customers.h"
