// Package fidelity holds the seed-fidelity suite: the place where a reader
// checks that the portal applies the five seeded policy documents as they are
// written (issue 12, "The five policies, applied as they are written").
//
// There is one test per numbered point of the issue, TestPoint1… to
// TestPoint8…. Each starts with a comment quoting, verbatim, the sentences of
// the document it is about, as received (testdata/documents holds the five
// documents exactly as they came, OCR errors included; TestQuotesAreVerbatim
// checks every quote against them). Each test then does what a person does:
// reads the public pages anonymously, signs in and posts the staff and
// administrators' forms, takes the trips' lifecycle steps, and checks the
// refusals and warnings the policy page promises. Every test has its own
// freshly migrated database (servertest.New), so they run in parallel.
//
// docs/policies.md lists, per municipality, every sentence the portal applies
// and how; this suite is the executable half of that list. Tests of the same
// behaviour closer to the code (the stores, one handler) stay where they are.
//
// The package has no code of its own besides this comment.
package fidelity
