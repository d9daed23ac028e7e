package lifecycle

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
	case "draft":
		return "lifecycle.status.draft"
	case "submitted":
		return "lifecycle.status.submitted"
	case "returned":
		return "lifecycle.status.returned"
	case "approved":
		return "lifecycle.status.approved"
	case "completed":
		return "lifecycle.status.completed"
	case "report_submitted":
		return "lifecycle.status.report_submitted"
	case "report_returned":
		return "lifecycle.status.report_returned"
	case "report_approved":
		return "lifecycle.status.report_approved"
	}
	return "lifecycle.status.published"
}
