package tripweb

import (
	"net/http"
	"strings"

	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/workspaceweb"
)

// outcome is the message that says what a lifecycle step did: to whom a plan or
// report went back, and where a trip that became public can be read.
func (h *Handlers) outcome(r *http.Request, id int64, action string, res trip.Result) (string, []string, error) {
	me := workspaceweb.Me(r)
	switch action {
	case trip.Submit:
		if res.To == trip.StatusApproved {
			return "review.flash.submit_approved", []string{res.Reference}, nil
		}
		return "review.flash.submit", []string{res.Reference}, nil
	case trip.Return, trip.ReturnReport:
		rec, err := h.store().Record(r.Context(), me.MunicipalityID, id)
		if err != nil {
			return "", nil, err
		}
		key := "review.flash.return"
		if action == trip.ReturnReport {
			key = "review.flash.return_report"
		}
		if rec.AuthorName == "" {
			return key + "_unnamed", nil, nil
		}
		return key, []string{rec.AuthorName}, nil
	case trip.Approve:
		return "review.flash.approve", nil, nil
	case trip.Complete:
		return "review.flash.complete", nil, nil
	case trip.SubmitReport, trip.ApproveReport:
		key := "review.flash." + action
		if !res.Published {
			return key, nil, nil
		}
		url := strings.TrimSuffix(h.Site.BaseURL, "/") + "/m/" + me.MunicipalitySlug + "/trips/" + res.Reference
		return key + "_published", []string{url}, nil
	}
	return "review.flash.done", nil, nil
}

// decisionButtons orders a reviewer's actions approving first, as the primary
// button, with returning as the secondary style beside it.
func decisionButtons(actions []string) []decisionButton {
	out := make([]decisionButton, 0, len(actions))
	for _, a := range actions {
		if a != trip.Return && a != trip.ReturnReport {
			out = append(out, decisionButton{Action: a, Class: "button"})
		}
	}
	for _, a := range actions {
		if a == trip.Return || a == trip.ReturnReport {
			out = append(out, decisionButton{Action: a, Class: "button button--secondary"})
		}
	}
	return out
}

// decisionButton is one button of the decision form.
type decisionButton struct {
	Action string
	Class  string
}
