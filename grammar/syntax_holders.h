// Box and HeapOptional: values the syntax tree keeps on the heap, with
// value semantics (copies copy the value), for the recursive condition tree
// and for large parts of statements that are often absent (grammar/syntax.h).
#pragma once

#include <memory>
#include <optional>

namespace meso::syntax {

// A heap-allocated value with value semantics, for the recursive condition tree.
template <typename T> class Box {
public:
    Box(T value) : ptr_(std::make_unique<T>(std::move(value))) {}
    Box(const Box& other) : ptr_(std::make_unique<T>(*other.ptr_)) {}
    Box(Box&&) noexcept = default;
    Box& operator=(const Box& other)
    {
        *ptr_ = *other.ptr_;
        return *this;
    }
    Box& operator=(Box&&) noexcept = default;
    ~Box() = default;
    T& operator*() { return *ptr_; }
    const T& operator*() const { return *ptr_; }
    T* operator->() { return ptr_.get(); }
    const T* operator->() const { return ptr_.get(); }

private:
    std::unique_ptr<T> ptr_;
};

// An optional value kept on the heap, with std::optional's interface: for
// parts of a statement that are large and often absent. A statement
// variant is as large as its largest alternative, and a 1 MB file holds
// tens of thousands of statements: inline, a load and a trailing comment
// made every statement near a kilobyte.
template <typename T> class HeapOptional {
public:
    HeapOptional() = default;
    HeapOptional(std::nullopt_t) {}
    HeapOptional(T value) : ptr_(std::make_unique<T>(std::move(value))) {}
    HeapOptional(const HeapOptional& other) : ptr_(other.ptr_ ? std::make_unique<T>(*other.ptr_) : nullptr) {}
    HeapOptional(HeapOptional&&) noexcept = default;
    HeapOptional& operator=(const HeapOptional& other)
    {
        ptr_ = other.ptr_ ? std::make_unique<T>(*other.ptr_) : nullptr;
        return *this;
    }
    HeapOptional& operator=(HeapOptional&&) noexcept = default;
    HeapOptional& operator=(T value)
    {
        ptr_ = std::make_unique<T>(std::move(value));
        return *this;
    }
    HeapOptional& operator=(std::nullopt_t)
    {
        ptr_.reset();
        return *this;
    }
    ~HeapOptional() = default;

    explicit operator bool() const noexcept { return ptr_ != nullptr; }
    bool has_value() const noexcept { return ptr_ != nullptr; }
    T& operator*() { return *ptr_; }
    const T& operator*() const { return *ptr_; }
    T* operator->() { return ptr_.get(); }
    const T* operator->() const { return ptr_.get(); }
    void reset() noexcept { ptr_.reset(); }

private:
    std::unique_ptr<T> ptr_;
};

}  // namespace meso::syntax
