#include "retain/orders.h"

namespace retain {

void customer_table::push_back(std::string_view text) {
  names_->make_room(1);
  ids_.push_back(names_->intern(text));
  names_->done();
}

}  // namespace retain
