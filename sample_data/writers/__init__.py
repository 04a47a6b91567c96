"""One writer per export format: plain rows in, the file's exact bytes out.

Each module knows one platform's conventions (header vintage, encoding, BOM, quoting, line ends,
date and number formats, preamble) and nothing about who posted what: that is `sample_data.story`.
The test fixture makers under tests/fixtures/ use the same writers where they write the same format.

  quoting        CSV text by hand: quote always, when needed, or when a space is present (Meta)
  x              X content export (Feb-2025 and late-2025 vintages) and account overview
  meta_posts     Facebook and Instagram posts, Meta Business Suite
  meta_insights  Meta page-level insights (UTF-16 LE)
  youtube        YouTube Studio content export (zip of Table data, Chart data, Totals)
  time_log       this product's time-log template
  interactions   this product's interactions template
  razorpay       Razorpay Dashboard payments report
  paypal         PayPal activity download (Download.CSV)
  ga4            Google Analytics 4 traffic acquisition reports
  mailchimp      Mailchimp account campaigns export
  feed           Google Alerts feed (Atom)
  blog           WordPress blog feed (RSS 2.0)

Shared by them: dates (English month and weekday names), archive (zips with fixed times).
"""
