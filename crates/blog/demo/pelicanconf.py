AUTHOR = 'You'
SITENAME = 'My Folio Blog'
SITEURL = ''

PATH = 'content'
STATIC_PATHS = ['images']

TIMEZONE = 'UTC'
DEFAULT_LANG = 'en'

DEFAULT_PAGINATION = 10
