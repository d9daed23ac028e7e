package workspaceweb

import (
	"context"

	"github.com/municipal-intl/portal/internal/meeting"
)

// PolicyTasks are what the municipality's policy rules ask of its staff, as
// dashboard items: the evaluation after the municipality hosted the twin-city
// meeting (rule evaluation_after_hosting), until its report is attached, and
// notices of cooperation the office has not yet taken note of (rule
// inform_office_of_cooperation).
type PolicyTasks struct {
	Evaluation *meeting.Meeting
	Outlook    meeting.Outlook
	Office     string
	// OfficeLang is the language the policy names the office in.
	OfficeLang string
	Notices    []meeting.Notice
}

func (h *Handlers) policyTasks(ctx context.Context, municipalityID int64) (PolicyTasks, error) {
	var t PolicyTasks
	st := meeting.NewStore(h.Pool)
	rot, ok, err := st.Rotation(ctx, municipalityID)
	if err != nil {
		return t, err
	}
	if ok && rot.EvaluationAfterHosting {
		list, err := st.List(ctx, municipalityID)
		if err != nil {
			return t, err
		}
		t.Outlook = meeting.Plan(rot, list, h.Now())
		t.Evaluation = t.Outlook.EvaluationDue
	}
	office, _, lang, ok, err := st.Office(ctx, municipalityID)
	if err != nil || !ok {
		return t, err
	}
	t.Office, t.OfficeLang = office, lang
	t.Notices, err = st.Notices(ctx, municipalityID, true)
	return t, err
}
