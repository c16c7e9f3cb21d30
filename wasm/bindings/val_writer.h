// val_writer.h: reports (report.h) built as JS values: objects, arrays, strings,
// numbers, booleans and nulls, the same tree JsonWriter writes as text. Numbers keep
// their exact value (a float as the double it converts to).
#pragma once
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "report_writer.h"

namespace relulab {

class ValWriter final : public ReportWriter {
 public:
  // The value written (the outermost object or array).
  emscripten::val result() const { return result_; }

 protected:
  void open_object() override { open(emscripten::val::object(), false); }
  void close_object() override { open_.pop_back(); }
  void open_array() override { open(emscripten::val::array(), true); }
  void close_array() override { open_.pop_back(); }
  void write_key(const std::string& k) override { key_ = k; }
  void write_string(const std::string& s) override { put(emscripten::val(s)); }
  void write_bool(bool b) override { put(emscripten::val(b)); }
  void write_integer(int64_t v) override { put(emscripten::val(static_cast<double>(v))); }
  void write_number(double v) override { put(emscripten::val(v)); }
  void write_float(float v) override { put(emscripten::val(static_cast<double>(v))); }
  void write_null() override { put(emscripten::val::null()); }

 private:
  struct Container {
    emscripten::val value;
    bool array;
  };
  // Adds v to the open container (under the last key for an object), or makes it the result.
  void put(const emscripten::val& v) {
    if (open_.empty()) result_ = v;
    else if (open_.back().array) open_.back().value.call<void>("push", v);
    else open_.back().value.set(key_, v);
  }
  void open(const emscripten::val& container, bool array) {
    put(container);
    open_.push_back({container, array});
  }
  std::vector<Container> open_;
  std::string key_;
  emscripten::val result_ = emscripten::val::undefined();
};

}  // namespace relulab
