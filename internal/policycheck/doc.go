// Package policycheck applies a municipality's policy rules (table policy_rule) when
// records are saved: a rule with enforcement "enforce" refuses the change and
// quotes the policy sentence it comes from; "warn" lets it through with a warning
// the reviewer also sees. The checks read the rules as data, so no municipality is
// named in code: a municipality that adopts the same rule gets the same check.
package policycheck
