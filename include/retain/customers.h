// Scaffold: filled in by the customers analysis.
#pragma once
