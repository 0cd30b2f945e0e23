"""The democracy app's pages: the constitution, the members register and a resident's own
membership, the committee, meetings, ballots, elections and democratic health."""
