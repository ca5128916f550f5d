"""What machines read of the portal, and the map people read: RSS 2.0 feeds (site-wide and per
category), the sitemaps for search engines with robots.txt, and the "Sơ đồ cổng" page.

    /rss/                                  the "RSS" page: every feed of the site
    /rss/tin-moi.xml                       the site's 30 newest articles
    /rss/chuyen-muc/<category path>.xml    a category's 30 newest (its sub-categories' too)
    /sitemap.xml                           the sitemap index: one file per range of page ids
    /sitemap-<n>.xml                       the public pages with ids in [n*50,000, (n+1)*50,000)
    /robots.txt                            points at /sitemap.xml
    /so-do-cong/                           the portal's tree of categories and pages

Everything is cached for anonymous readers (congtin.pagecache) and tagged with the list it shows
(``list:<page id>``), so the purges of congtin.news.purges reach it with no code of its own.
"""
