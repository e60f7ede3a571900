#include "retain/customers.h"
