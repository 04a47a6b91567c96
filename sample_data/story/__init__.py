"""The story behind the demo exports: what five fictional non-profits post, earn and log, and when.

  period      the year covered, the download dates, the days
  orgs        the organisations (their channels, campaigns, audiences, team and donation levels, the
              last day their exports cover) and the demo portfolio
  year        the shape of an organisation's year (growth, campaigns, bad month), posting times, draws
  captions    post texts and video titles, filled in from texts/captions/<org>.json
  x, meta, youtube
              the posts and videos of the year and their figures (X, Facebook, Instagram, Meta page
              insights, YouTube)
  time_log, donations, website, newsletter
              effort and outcomes: the time log, Razorpay and PayPal, GA4, Mailchimp
  outcomes    all of those for one organisation, and what they add up to
  listening   what news sites and blogs wrote about each organisation: its Google Alerts feed
  blog        what each organisation with a website wrote on its own blog: its WordPress feed
  people      who shared, replied to and liked its posts, as a volunteer noted them (Pune's interactions
              file), and what the People page shows of them
  readme      sample_data/README.md, with the figures the files add up to
  texts       reads the text files under texts/
  main        writes everything, orgs.json and portfolios.json too (run through sample_data/generate.py)

The long texts (captions, video titles, time-log notes, donor names, newsletter subjects, blog posts,
the news stories the alerts found, the people behind the interactions, each organisation's story) are files
under texts/. Every file has its own random.Random seed; the bytes come out the same on every run. How each
format is written is sample_data.writers.
"""
