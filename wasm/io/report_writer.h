// report_writer.h: what the engine's reports (report.h) are written to: a tree of
// objects, arrays, strings, numbers, booleans and nulls. JsonWriter (json_writer.h)
// writes it as JSON text for the command-line tool; the JS boundary builds the same
// tree as JS objects (bindings/val_writer.h). So a report has one shape in both.
// Non-finite numbers are written as null; a vector of uint8_t as booleans.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace relulab {

class ReportWriter {
 public:
  virtual ~ReportWriter() = default;

  ReportWriter& begin_object() {
    open_object();
    return *this;
  }
  ReportWriter& end_object() {
    close_object();
    return *this;
  }
  ReportWriter& begin_array() {
    open_array();
    return *this;
  }
  ReportWriter& end_array() {
    close_array();
    return *this;
  }
  // The name of the next value in the open object.
  ReportWriter& key(const std::string& k) {
    write_key(k);
    return *this;
  }
  ReportWriter& value(const std::string& s) {
    write_string(s);
    return *this;
  }
  ReportWriter& value(const char* s) { return value(std::string(s)); }
  ReportWriter& value(bool b) {
    write_bool(b);
    return *this;
  }
  ReportWriter& value(int64_t v) {
    write_integer(v);
    return *this;
  }
  ReportWriter& value(int v) { return value(static_cast<int64_t>(v)); }
  ReportWriter& value(uint32_t v) { return value(static_cast<int64_t>(v)); }
  ReportWriter& value(double v) {
    if (std::isfinite(v)) write_number(v);
    else write_null();
    return *this;
  }
  ReportWriter& value(float v) {
    if (std::isfinite(v)) write_float(v);
    else write_null();
    return *this;
  }
  ReportWriter& null() {
    write_null();
    return *this;
  }
  template <typename T>
  ReportWriter& array(const std::vector<T>& values) {
    begin_array();
    for (const T& v : values) value(v);
    return end_array();
  }
  ReportWriter& array(const std::vector<uint8_t>& flags) {
    begin_array();
    for (uint8_t f : flags) value(f != 0);
    return end_array();
  }
  template <typename T>
  ReportWriter& field(const std::string& k, const T& v) {
    key(k);
    return value(v);
  }

 protected:
  virtual void open_object() = 0;
  virtual void close_object() = 0;
  virtual void open_array() = 0;
  virtual void close_array() = 0;
  virtual void write_key(const std::string& k) = 0;
  virtual void write_string(const std::string& s) = 0;
  virtual void write_bool(bool b) = 0;
  virtual void write_integer(int64_t v) = 0;
  virtual void write_number(double v) = 0;  // finite
  virtual void write_float(float v) = 0;    // finite
  virtual void write_null() = 0;
};

}  // namespace relulab
