// Scaffold: filled in by the cohorts analysis.
#pragma once
