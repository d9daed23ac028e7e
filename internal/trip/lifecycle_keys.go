package trip

// ActionKey is the catalogue key of an action's button label.
func ActionKey(action string) string {
	switch action {
	case Submit:
		return "lifecycle.action.submit"
	case Return:
		return "lifecycle.action.return"
	case Approve:
		return "lifecycle.action.approve"
	case Complete:
		return "lifecycle.action.complete"
	case SubmitReport:
		return "lifecycle.action.submit_report"
	case ReturnReport:
		return "lifecycle.action.return_report"
	case Publish:
		return "lifecycle.action.publish"
	}
	return "lifecycle.action.approve_report"
}

// StatusKey is the catalogue key of a status's name.
func StatusKey(status string) string {
	switch status {
	case StatusDraft:
		return "lifecycle.status.draft"
	case StatusSubmitted:
		return "lifecycle.status.submitted"
	case StatusReturned:
		return "lifecycle.status.returned"
	case StatusApproved:
		return "lifecycle.status.approved"
	case StatusCompleted:
		return "lifecycle.status.completed"
	case StatusReportSubmitted:
		return "lifecycle.status.report_submitted"
	case StatusReportReturned:
		return "lifecycle.status.report_returned"
	case StatusReportApproved:
		return "lifecycle.status.report_approved"
	}
	return "lifecycle.status.published"
}
