package accountweb

import (
	"net/http"
	"strconv"

	"github.com/municipal-intl/portal/internal/web"
)

// sessionRows lists an account's open sessions for its edit page.
func (h *Handlers) sessionRows(r *http.Request, accountID int64) ([]SessionRow, error) {
	list, err := h.Auth.Server.List(r.Context(), accountID, h.Auth.CurrentToken(r))
	if err != nil {
		return nil, err
	}
	rows := make([]SessionRow, len(list))
	for i, s := range list {
		rows[i] = SessionRow(s)
	}
	return rows, nil
}

// endSessions is POST /staff/accounts/{id}/sessions/end: an administrator ends
// one session of a person of their municipality (field session), or all of
// them. Their own current session is never ended here (sign-out does that).
func (h *Handlers) endSessions(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	a, err := h.accountID(r)
	if err != nil {
		return err
	}
	var id int64
	if s := r.PostFormValue("session"); s != "" {
		id, err = strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return web.BadRequest("security.sessions.error.id", err)
		}
	}
	n, err := h.Auth.Server.End(r.Context(), a.ID, id, h.Auth.CurrentToken(r))
	if err != nil {
		return err
	}
	flash := "security.sessions.flash.ended"
	if n == 0 {
		flash = "security.sessions.flash.none_ended"
	}
	h.Auth.SetFlash(w, r, flash)
	http.Redirect(w, r, "/staff/accounts/"+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
	return nil
}
