"""The meeting vote on screen, one module per job.

- join: the server's address phones can reach, the join link and its QR code (shared screen)
- results: the live and past results of a round (shared screen)
- meeting: opening, choosing and closing rounds (the Priorities page's vote and past-rounds tabs)
- common: the store, local times, focus-area titles and refusals the others share

A participant's phone votes on the one ballot page, plain HTML served by the same server (ui/ballot_page.py), not
on a Streamlit page.

User-supplied text (round titles, names) is only ever shown through st.text or inside tables, never as Markdown or
HTML.
"""
