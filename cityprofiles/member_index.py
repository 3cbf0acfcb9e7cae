"""The directory's members indexed by filter value, so filtering and counting cost the same
at 100 members as at 1,000 (issue #15, item 9).

Each process builds the index once per version of the member rows (home/process_copies.py):
for every filter and value, the set of members that have it, as the bits of one Python
integer (bit *i* for the *i*-th member in A–Z order). Members matching several filters are
then an ``&`` of integers, and a count is ``int.bit_count()``: at 1,000 members counting
every facet took 8–9 ms as a loop over the members, and takes well under one this way.
"""

from functools import reduce
from operator import and_


class MemberIndex:
    """``members`` (directory.Member rows, in order) with the bits of each filter value."""

    def __init__(self, members, dimensions):
        self.members = members
        self.everyone = (1 << len(members)) - 1
        self.bits = {name: {} for name in dimensions}
        for position, member in enumerate(members):
            bit = 1 << position
            for name, by_value in self.bits.items():
                for value in member.values(name):
                    by_value[value] = by_value.get(value, 0) | bit

    def matching_bits(self, filters, skip=None):
        """The members matching every active filter but ``skip``, as bits."""
        chosen = [
            self.bits[name].get(value, 0)
            for name, value in filters.items()
            if value and name != skip
        ]
        return reduce(and_, chosen, self.everyone)

    def matching(self, filters):
        """The members matching every active filter, in order."""
        bits = self.matching_bits(filters)
        if bits == self.everyone:
            return list(self.members)
        found = []
        while bits:
            lowest = bits & -bits
            found.append(self.members[lowest.bit_length() - 1])
            bits ^= lowest
        return found

    def counts(self, filters, names):
        """For each of ``names``, the members each of its values would give, given every
        *other* active filter: what a visitor would get by choosing it."""
        counts = {}
        for name in names:
            others = self.matching_bits(filters, skip=name)
            counts[name] = {
                value: count
                for value, bits in self.bits[name].items()
                if (count := (bits & others).bit_count())
            }
        return counts

    def values(self, name, filters):
        """The values of ``name`` that members matching the other active filters have."""
        others = self.matching_bits(filters, skip=name)
        return [value for value, bits in self.bits[name].items() if bits & others]
