// The parse tree, kept flat: what parse.cpp's PEGTL control writes while
// the text is parsed, and the builder (builder.h) reads to make the syntax
// tree. Internal to grammar/.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace meso::grammar {

// The parse tree, kept flat: the nodes of the selected rules in preorder in
// one vector, each followed by its descendants. PEGTL's own parse_tree
// allocates a node (and a vector of children) for every rule it tries, and
// that was half of the parse's time and most of its memory; here trying a
// rule costs a push, and failing it a truncation. The tree is the same as
// parse_tree<selector> would build: selected rules make nodes, the nodes
// of the other rules' successes go to their parent, a failure (or an
// exception, for the rules that recover) drops what the rule made.
struct node {
    const void* type = nullptr;        // &type_tag<Rule>
    const char* data = nullptr;        // the text where the rule began
    std::uint32_t begin = 0, end = 0;  // byte offsets in the source
    std::uint32_t line = 0, column = 0, end_line = 0;
    std::uint32_t descendants = 0;  // the next sibling is this + 1 + descendants

    template <typename Rule> static constexpr char type_tag = 0;

    template <typename Rule> bool is_type() const noexcept { return type == &type_tag<Rule>; }
    std::string_view string_view() const noexcept { return {data, end - begin}; }

    class Children {
    public:
        class iterator {
        public:
            explicit iterator(const node* at) : at_(at) {}
            const node* operator*() const { return at_; }
            iterator& operator++()
            {
                at_ += 1 + at_->descendants;
                return *this;
            }
            bool operator!=(const iterator& other) const { return at_ != other.at_; }

        private:
            const node* at_;
        };
        explicit Children(const node& parent) : first_(&parent + 1), last_(&parent + 1 + parent.descendants) {}
        iterator begin() const { return iterator(first_); }
        iterator end() const { return iterator(last_); }
        bool empty() const { return first_ == last_; }
        const node* front() const { return first_; }
        std::size_t size() const
        {
            std::size_t n = 0;
            for (const node* c : *this) (void)c, ++n;
            return n;
        }
        const node* back() const
        {
            const node* last = first_;
            for (const node* c : *this) last = c;
            return last;
        }
        std::vector<const node*> all() const
        {
            std::vector<const node*> out;
            for (const node* c : *this) out.push_back(c);
            return out;
        }

    private:
        const node* first_;
        const node* last_;
    };
    Children children() const { return Children(*this); }
};

}  // namespace meso::grammar
